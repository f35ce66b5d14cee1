import Foundation
import Testing
@testable import DigestCore

@Suite struct TemplateSyncTests {
    /// templates/ is the readable form of the templates built into digest; they must agree
    /// (run `make templates` after editing templates/).
    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let folder = Fixtures.repoRoot + "/templates"
        let files = TemplateSet.siteFiles(in: folder).filter { $0.hasSuffix(".mustache") || $0.hasSuffix(".css") || $0.hasSuffix(".js") }
        #expect(Set(files) == Set(DefaultTemplates.files.keys))
        for path in files {
            #expect(try String(contentsOfFile: folder + "/" + path, encoding: .utf8) == DefaultTemplates.files[path], "\(path) differs")
        }
    }
}
