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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
            ]
        ),
        .executableTarget(
            name: "digest",
            dependencies: ["DigestCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "DigestCoreTests",
            dependencies: ["DigestCore"]
        ),
    ]
)
