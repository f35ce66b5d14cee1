// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PaperDigest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "digest", targets: ["digest"]),
        .library(name: "DigestCore", targets: ["DigestCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // swift-mustache 2.1.1 with a patch that makes a variable's lookup cheaper, same output
        // (Vendor/swift-mustache/PATCHED.md: what, why, and how it is checked).
        .package(path: "Vendor/swift-mustache"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev; the Makefile installs it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The one system call Foundation lacks: an atomic exchange of two folders.
        .target(name: "CDigestSys"),
        .target(
            name: "DigestCore",
            dependencies: [
                "CCmark",
                "CDigestSys",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ]
        ),
        // `digest serve`: the built site over HTTP, rebuilt and reloaded as its files change.
        .target(
            name: "DigestServe",
            dependencies: ["DigestCore", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "digest",
            dependencies: ["DigestCore", "DigestServe", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "DigestCoreTests",
            dependencies: ["DigestCore"]
        ),
        .testTarget(
            name: "DigestServeTests",
            dependencies: ["DigestServe"]
        ),
    ]
)
