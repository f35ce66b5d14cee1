/// Memory a process ending soon need not free. At 100k papers, freeing a build's model, pages
/// and tables one object at a time took 0.3–0.5 s after the last file was written, for memory
/// the system takes back whole at exit — what clang's `-disable-free` skips for the same reason.
enum ProcessEnd {
    /// The values stay referenced until the process exits.
    static func keep(_ values: Any...) { keep(values) }

    static func keep(_ values: [Any]) {
        _ = Unmanaged.passRetained(HeldValues(values))
    }
}
