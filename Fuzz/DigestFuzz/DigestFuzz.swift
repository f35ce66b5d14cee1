import DigestCore
#if canImport(Glibc)
import Glibc
#endif

/// One libFuzzer executable for every target; `DIGEST_FUZZ_TARGET` names the one to run:
/// `AbstractList`, `DailyPapers` or `PosterSession` (one input = one listing file, see
/// `UntrustedInput.listing`) or `FrontMatter` (one input = one record file).
let target = getenv("DIGEST_FUZZ_TARGET").map { String(cString: $0) } ?? ""
let parser = UntrustedInput.parser(target: target)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let parser { UntrustedInput.listing(bytes, parser: parser) } else { UntrustedInput.record(bytes) }
    return 0
}

/// SwiftPM links an executable's entry point as `DigestFuzz_main`; libFuzzer's driver runs from it.
@_cdecl("DigestFuzz_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    guard parser != nil || target == "FrontMatter" else {
        print("set DIGEST_FUZZ_TARGET to AbstractList, DailyPapers, PosterSession or FrontMatter")
        return 2
    }
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzz)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
