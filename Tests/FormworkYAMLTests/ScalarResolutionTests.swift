import FormworkDiagnostics
import Testing
@testable import FormworkYAML

/// The resolved value of the scalar under `v`.
private func resolve(_ yaml: String) -> ResolvedScalar? {
    parse(yaml).root?["v"]?.resolvedScalar
}

@Suite struct ScalarResolutionTests {
    @Test(arguments: [
        // null
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null), ("nULL", .string("nULL")),
        // bool
        ("yes", .bool(true)), ("Yes", .bool(true)), ("YES", .bool(true)), ("no", .bool(false)), ("No", .bool(false)),
        ("NO", .bool(false)), ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)), ("on", .bool(true)),
        ("On", .bool(true)), ("ON", .bool(true)), ("off", .bool(false)), ("Off", .bool(false)), ("OFF", .bool(false)),
        ("y", .string("y")), ("n", .string("n")), ("tRUE", .string("tRUE")),
        // int
        ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+5", .int(5)), ("1_000", .int(1000)),
        ("0x1F", .int(31)), ("0xff_ff", .int(65535)), ("-0x10", .int(-16)), ("0o17", .int(15)), ("017", .int(15)),
        ("0b1010", .int(10)), ("-0b1", .int(-1)), ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)), ("9223372036854775808", .bigInt("9223372036854775808")),
        ("-9223372036854775809", .bigInt("-9223372036854775809")),
        ("0x1_0000_0000_0000_0000", .bigInt("0x1_0000_0000_0000_0000")),
        ("1:20", .string("1:20")), ("190:20:30", .string("190:20:30")), ("09", .string("09")),
        ("0x", .string("0x")), ("0x_", .string("0x_")), ("0b2", .string("0b2")), ("0X1F", .string("0X1F")),
        ("_1", .string("_1")), ("1_", .int(1)), ("--1", .string("--1")), ("+", .string("+")),
        // float
        ("1.5", .float(1.5)), ("-1.5", .float(-1.5)), ("1e3", .float(1000)), ("1E3", .float(1000)),
        ("1.5e-3", .float(0.0015)), ("6.02e+23", .float(6.02e23)), (".5", .float(0.5)), ("-.5", .float(-0.5)),
        ("1.", .float(1)), ("1_000.5", .float(1000.5)), (".inf", .float(.infinity)), (".Inf", .float(.infinity)),
        (".INF", .float(.infinity)), ("+.inf", .float(.infinity)), ("-.inf", .float(-.infinity)),
        ("-.INF", .float(-.infinity)), ("1e", .string("1e")), ("e3", .string("e3")), (".", .string(".")),
        ("._5", .string("._5")), ("1.2.3", .string("1.2.3")), ("inf", .string("inf")), ("nan", .string("nan")),
        ("1e999", .float(.infinity)),
        // strings
        ("demo", .string("demo")), ("media-${env}", .string("media-${env}")), ("1 2", .string("1 2")),
    ] as [(String, ResolvedScalar)])
    func plainScalars(text: String, expected: ResolvedScalar) {
        #expect(resolve("v: \(text)") == expected)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) {
        guard case .float(let value) = resolve("v: \(text)") else {
            Issue.record("not a float")
            return
        }
        #expect(value.isNaN)
    }

    @Test func quotedAndBlockScalarsAreStrings() {
        #expect(resolve("v: '42'") == .string("42"))
        #expect(resolve("v: \"true\"") == .string("true"))
        #expect(resolve("v: ''") == .string(""))
        #expect(resolve("v: |\n  1\n") == .string("1\n"))
        #expect(resolve("v: >-\n  null\n") == .string("null"))
    }

    @Test func coreTagsForceTheType() {
        #expect(resolve("v: !!str 42") == .string("42"))
        #expect(resolve("v: !!str") == .string(""))
        #expect(resolve("v: !!int '0x10'") == .int(16))
        #expect(resolve("v: !!int abc") == .string("abc"))
        #expect(resolve("v: !!float '1'") == .float(1))
        #expect(resolve("v: !!float 99999999999999999999") == .float(1e20))
        #expect(resolve("v: !!float x") == .string("x"))
        #expect(resolve("v: !!bool \"yes\"") == .bool(true))
        #expect(resolve("v: !!bool maybe") == .string("maybe"))
        #expect(resolve("v: !!null ''") == .null)
        #expect(resolve("v: !!null x") == .string("x"))
        #expect(resolve("v: !Ref 42") == .string("42"))
        #expect(resolve("v: ! 42") == .string("42"))
    }

    @Test func signsAlone() {
        #expect(ScalarResolver.resolvePlain("-") == .string("-"))
        #expect(ScalarResolver.resolvePlain("-_") == .string("-_"))
        #expect(ScalarResolver.resolvePlain("+.") == .string("+."))
    }

    /// The shortcut for strings (a first byte no null, boolean or number
    /// starts with) agrees with the full resolution: every text starting
    /// with such a byte is no null, boolean, integer or float.
    @Test func aFirstByteNoOtherFormStartsWithMakesAString() {
        let tails = ["", "0", "1.5", "e3", "ull", "rue", "alse", "es", "o", "n", "ff", "nf", "x1", "_2"]
        for byte in UInt8(0x21)...UInt8(0x7E) where !"~+-.0123456789nNyYtToOfF".utf8.contains(byte) {
            for tail in tails {
                let text = String(UnicodeScalar(byte)) + tail
                #expect(!ScalarResolver.isNull(text) && ScalarResolver.bool(text) == nil
                        && ScalarResolver.int(text) == nil && ScalarResolver.float(text) == nil, "\(text)")
                #expect(ScalarResolver.resolvePlain(text) == .string(text))
            }
        }
        for text in ["~", "null", "No", "off", "0x1F", "-3", "+.inf", ".5", "1e3", "True"] {
            #expect(ScalarResolver.resolvePlain(text) != .string(text), "\(text)")
        }
    }

    @Test func collectionsHaveNoScalarValue() {
        #expect(resolve("v: [1]") == nil)
        #expect(resolve("v: {a: 1}") == nil)
    }

    @Test func kindDescriptions() {
        let spec = parse("m: {a: 1}\ns: [1]\nn: ~\nb: yes\ni: 3\nf: 1.5\nbig: 99999999999999999999\nt: x\ne: ''\n").root
        let kinds = ["m", "s", "n", "b", "i", "f", "big", "t", "e"].map { spec?[$0]?.kindDescription ?? "?" }
        #expect(kinds == [
            "a mapping", "a sequence", "null", "a boolean", "a number", "a number", "a number", "a string",
            "an empty string",
        ])
    }
}
