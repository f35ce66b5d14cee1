// swift-tools-version:6.0
// libFuzzer targets for what reads untrusted text: the three listing parsers (with the text
// clean-up and math marking every entry goes through) and the record front-matter reader.
// A package of its own, built with -sanitize=fuzzer,address by `make fuzz` (see Fuzz/run.sh).
import Foundation
import PackageDescription

// A path dependency is named after its folder, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "DigestFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "DigestFuzz", dependencies: [.product(name: "DigestCore", package: root)], path: "DigestFuzz"),
    ]
)
