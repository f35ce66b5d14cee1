/// Decodes the HTML character references that pasted web pages leave in listings
/// (`&amp;`, `&#8217;`, `&#x2014;`, `&eacute;`). A reference that is not known is kept
/// as it stands, so text that merely contains `&` survives unchanged.
public enum HTMLEntities {
    public static func decode(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "&")) else { return text }
        // Over the text's bytes, the runs between ampersands copied whole: a reference's name
        // and digits are ASCII, so it is found by its bytes as by its scalars. (Decoding every
        // scalar and appending each was ~50 instructions a byte: 4% of an ingest.) Into the
        // result's own storage (`String(rewriting:)`): a reference is never shorter than what it
        // stands for — a name has two letters or more, and a scalar of three bytes takes four digits.
        return String(rewriting: text) { bytes, out in
            var count = 0
            func put(_ piece: UnsafeBufferPointer<UInt8>) {
                guard let base = piece.baseAddress else { return }
                (out.baseAddress! + count).initialize(from: base, count: piece.count)
                count += piece.count
            }
            var copied = 0
            var i = 0
            while let amp = bytes[i...].firstIndex(of: UInt8(ascii: "&")) {
                guard let (character, length) = reference(in: bytes, at: amp) else { i = amp + 1; continue }
                precondition(character.utf8.count <= length, "a reference longer than its text")
                put(UnsafeBufferPointer(rebasing: bytes[copied..<amp]))
                var decoded = character
                decoded.withUTF8(put)
                i = amp + length
                copied = i
            }
            put(UnsafeBufferPointer(rebasing: bytes[copied...]))
            return count
        }
    }

    /// The decoded text and the number of bytes taken for a reference starting at `start`:
    /// a `;` within the next eleven characters, after a name or a number of ASCII characters.
    private static func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        // Longest named reference in the table is short; numeric ones are at most `&#x10FFFF;`.
        let limit = min(bytes.count, start + 12)
        var end = start + 1
        while end < limit, bytes[end] != UInt8(ascii: ";") {
            guard bytes[end] < 0x80 else { return nil }  // no name or number has it
            end += 1
        }
        guard end < limit, end > start + 1 else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        let length = end - start + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else { return nil }
            return (String(Character(scalar)), length)
        }
        guard let named = named[body] else { return nil }
        return (named, length)
    }

    /// The references seen in paper listings and on the sites they come from; not the
    /// full HTML5 table of 2,231 names, which no listing has needed.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "minus": "\u{2212}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "middot": "\u{00B7}", "bull": "\u{2022}", "copy": "\u{00A9}", "reg": "\u{00AE}",
        "trade": "\u{2122}", "deg": "\u{00B0}", "plusmn": "\u{00B1}", "times": "\u{00D7}",
        "divide": "\u{00F7}", "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}",
        "asymp": "\u{2248}", "infin": "\u{221E}", "sum": "\u{2211}", "prod": "\u{220F}",
        "radic": "\u{221A}", "larr": "\u{2190}", "rarr": "\u{2192}", "harr": "\u{2194}",
        "uarr": "\u{2191}", "darr": "\u{2193}", "alpha": "\u{03B1}", "beta": "\u{03B2}",
        "gamma": "\u{03B3}", "delta": "\u{03B4}", "epsilon": "\u{03B5}", "zeta": "\u{03B6}",
        "eta": "\u{03B7}", "theta": "\u{03B8}", "iota": "\u{03B9}", "kappa": "\u{03BA}",
        "lambda": "\u{03BB}", "mu": "\u{03BC}", "nu": "\u{03BD}", "xi": "\u{03BE}",
        "pi": "\u{03C0}", "rho": "\u{03C1}", "sigma": "\u{03C3}", "tau": "\u{03C4}",
        "phi": "\u{03C6}", "chi": "\u{03C7}", "psi": "\u{03C8}", "omega": "\u{03C9}",
        "Delta": "\u{0394}", "Gamma": "\u{0393}", "Lambda": "\u{039B}", "Omega": "\u{03A9}",
        "Phi": "\u{03A6}", "Pi": "\u{03A0}", "Sigma": "\u{03A3}", "Theta": "\u{0398}",
        "aacute": "á", "Aacute": "Á", "agrave": "à", "Agrave": "À", "acirc": "â", "auml": "ä",
        "Auml": "Ä", "atilde": "ã", "aring": "å", "Aring": "Å", "aelig": "æ", "ccedil": "ç",
        "Ccedil": "Ç", "eacute": "é", "Eacute": "É", "egrave": "è", "Egrave": "È", "ecirc": "ê",
        "euml": "ë", "iacute": "í", "Iacute": "Í", "igrave": "ì", "icirc": "î", "iuml": "ï",
        "ntilde": "ñ", "Ntilde": "Ñ", "oacute": "ó", "Oacute": "Ó", "ograve": "ò", "ocirc": "ô",
        "ouml": "ö", "Ouml": "Ö", "otilde": "õ", "oslash": "ø", "Oslash": "Ø", "szlig": "ß",
        "uacute": "ú", "Uacute": "Ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "Uuml": "Ü",
        "yacute": "ý", "yuml": "ÿ", "thorn": "þ", "eth": "ð", "shy": "\u{00AD}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "dagger": "\u{2020}", "Dagger": "\u{2021}", "sect": "\u{00A7}",
        "para": "\u{00B6}", "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}",
        "cent": "\u{00A2}", "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}",
        "sup2": "\u{00B2}", "sup3": "\u{00B3}", "micro": "\u{00B5}", "prime": "\u{2032}",
    ]
}
