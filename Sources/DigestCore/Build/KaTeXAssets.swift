import Foundation

/// KaTeX from Debian's libjs-katex, copied under `assets/katex/`.
enum KaTeXAssets {
    static func files(in folder: String) -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for name in ["katex.min.js", "katex.min.css"] {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return [] }
            files.append(("assets/katex/" + name, [UInt8](data)))
        }
        let fonts = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/fonts")) ?? []).sorted()
        for font in fonts {
            if let data = FileManager.default.contents(atPath: folder + "/fonts/" + font) { files.append(("assets/katex/fonts/" + font, [UInt8](data))) }
        }
        return files
    }
}
