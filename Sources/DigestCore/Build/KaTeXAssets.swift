import Foundation

/// KaTeX from Debian's libjs-katex, copied under `assets/katex/`.
enum KaTeXAssets {
    static func files(in folder: String) -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let bytes = FileBytes.read(folder + "/" + name) else { return [] }
            files.append(("assets/katex/" + name, bytes))
        }
        let fonts = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/fonts")) ?? []).sorted()
        for font in fonts {
            if let bytes = FileBytes.read(folder + "/fonts/" + font) { files.append(("assets/katex/fonts/" + font, bytes)) }
        }
        return files
    }
}
