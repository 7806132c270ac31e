extension YAMLNode {
    /// The scalar's value under YAML 1.1 resolution, as PyYAML resolves plain
    /// scalars (see docs/yaml.md); nil for collections. Quoted and block
    /// scalars are strings; the tags `!!str`, `!!int`, `!!float`, `!!bool` and
    /// `!!null` force a type (a value that does not fit it stays a string);
    /// any other tag leaves the text uninterpreted, as a string.
    package var resolvedScalar: ResolvedScalar? {
        guard let scalar else { return nil }
        let text = scalar.value
        switch tag {
        case nil:
            return scalar.style == .plain ? ScalarResolver.resolvePlain(text) : .string(text)
        case "tag:yaml.org,2002:int":
            return ScalarResolver.int(text) ?? .string(text)
        case "tag:yaml.org,2002:float":
            if let value = ScalarResolver.float(text) { return .float(value) }
            switch ScalarResolver.int(text) {
            case .int(let value): return .float(Double(value))
            case .bigInt: return Double(text.filter { $0 != "_" }).map(ResolvedScalar.float) ?? .string(text)
            default: return .string(text)
            }
        case "tag:yaml.org,2002:bool":
            return ScalarResolver.bool(text).map(ResolvedScalar.bool) ?? .string(text)
        case "tag:yaml.org,2002:null":
            return ScalarResolver.isNull(text) ? .null : .string(text)
        default:
            return .string(text)
        }
    }

    /// What the node is, for messages such as "expected a number, found a string".
    package var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar:
            switch resolvedScalar {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .bigInt, .float: return "a number"
            case .string(let text): return text.isEmpty ? "an empty string" : "a string"
            case nil: return "a string"
            }
        }
    }
}

/// A plain number written with a leading zero (`010`, `0900`), which YAML
/// 1.1 does not read as the decimal it looks like: `010` is octal, 8;
/// `0900` (8 or 9 is not an octal digit) is no number at all, the string "0900".
package struct LeadingZeroNumber: Sendable, Equatable {
    /// The text as written.
    package var text: String
    /// The decimal the text looks like, leading zeros and `_` dropped: `10`, `900`.
    package var decimal: String
    /// What YAML made of it: the octal value, or nil for a string.
    package var octalValue: Int?
}

extension YAMLNode {
    /// The untagged plain scalar `[-+]?0[0-9_]*[0-9]` (not `0`, `0x..`,
    /// `0o..`, `0b..` or a float), read the YAML 1.1 way; nil for any other node.
    package var leadingZeroNumber: LeadingZeroNumber? {
        guard tag == nil, let scalar, scalar.style == .plain else { return nil }
        let text = scalar.value
        var digits = Substring(text)
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            digits = digits.dropFirst()
        }
        guard digits.count > 1, digits.first == "0", digits.last != "_",
              digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "_" }) else { return nil }
        var decimal = String(digits.filter { $0 != "_" }.drop { $0 == "0" })
        if decimal.isEmpty { decimal = "0" }
        let octal: Int? = if case .int(let value) = ScalarResolver.int(text) { value } else { nil }
        let number = LeadingZeroNumber(text: text, decimal: decimal == "0" ? decimal : sign + decimal, octalValue: octal)
        // `07` is 7 either way.
        return number.octalValue.map { String($0) } == number.decimal ? nil : number
    }
}

/// The YAML 1.1 scalar grammar (ASCII only, so it works on UTF-8 bytes).
enum ScalarResolver {
    static func resolvePlain(_ text: String) -> ResolvedScalar {
        // Most plain scalars of a spec are names and words. A null, boolean
        // or number starts with `~`, a digit, a sign, `.` or one of the
        // letters of null, yes/no, true/false and on/off: any other first
        // byte makes a string, with no number parsed.
        if let first = text.utf8.first, !mayStartNonString[Int(first)] { return .string(text) }
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        if let value = int(text) { return value }
        if let value = float(text) { return .float(value) }
        return .string(text)
    }

    /// The first bytes a plain null, boolean, integer or float can have.
    private static let mayStartNonString: [Bool] = (0..<256).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return "~+-.0123456789nNyYtToOfF".unicodeScalars.contains(scalar)
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": false
        default: nil
        }
    }

    /// `[-+]?` then `0b[01_]+`, `0x[0-9a-fA-F_]+`, `0o[0-7_]+`, `0[0-7_]+`,
    /// `0` or `[1-9][0-9_]*`, with at least one digit. Sexagesimal (`1:20`)
    /// is not an integer here.
    static func int(_ text: String) -> ResolvedScalar? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard let first = bytes.first else { return nil }
        let radix: Int
        var digits = bytes
        if bytes.starts(with: "0b".utf8) {
            radix = 2
            digits = bytes.dropFirst(2)
        } else if bytes.starts(with: "0x".utf8) {
            radix = 16
            digits = bytes.dropFirst(2)
        } else if bytes.starts(with: "0o".utf8) {
            radix = 8
            digits = bytes.dropFirst(2)
        } else if first == UInt8(ascii: "0") && bytes.count > 1 {
            radix = 8
            digits = bytes.dropFirst()
        } else {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
            radix = 10
        }
        var value = 0
        var sawDigit = false
        var overflow = false
        for byte in digits where byte != UInt8(ascii: "_") {
            guard let digit = digitValue(byte), digit < radix else { return nil }
            sawDigit = true
            guard !overflow else { continue }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            overflow = o1 || o2
            value = next
        }
        guard sawDigit else { return nil }
        return overflow ? .bigInt(text) : .int(value)
    }

    /// `[-+]?` then digits and `_` with a `.` and/or an exponent, or `.5`
    /// forms, plus `.inf`, `-.inf` and `.nan` in their three spellings.
    static func float(_ text: String) -> Double? {
        var bytes = Array(text.utf8)[...]
        switch text {
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if [".inf", ".Inf", ".INF"].contains(where: { bytes.elementsEqual($0.utf8) }) {
            return negative ? -.infinity : .infinity
        }
        // digits? ('.' digits?)? (e sign? digits)?, with a digit before the
        // dot or just after it, and a dot or an exponent.
        var i = bytes.startIndex
        func isDigit(_ at: Int) -> Bool { at < bytes.endIndex && digitValue(bytes[at]).map { $0 < 10 } == true }
        let integerStart = i
        guard i < bytes.endIndex else { return nil }
        var integerDigits = false
        if isDigit(i) {
            integerDigits = true
            while isDigit(i) || (i < bytes.endIndex && bytes[i] == UInt8(ascii: "_")) { i += 1 }
        }
        var dot = false
        var fractionDigits = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
            dot = true
            i += 1
            fractionDigits = isDigit(i)
            while isDigit(i) || (i < bytes.endIndex && bytes[i] == UInt8(ascii: "_")) { i += 1 }
        }
        guard integerDigits || fractionDigits else { return nil }
        var exponent = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
            exponent = true
        }
        guard i == bytes.endIndex, dot || exponent, integerStart < i else { return nil }
        var cleaned = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if cleaned.hasPrefix(".") { cleaned = "0" + cleaned }
        guard let magnitude = Double(cleaned) else { return nil }
        return negative ? -magnitude : magnitude
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
