/// A parameter's `AllowedPattern`: a Java regular expression that must match
/// the whole value (each item of a `CommaDelimitedList`).
/// Source: AWS CloudFormation User Guide, "Parameters" (`AllowedPattern`:
/// "the pattern must match the entire parameter value provided") and "Using
/// regular expressions in CloudFormation templates" (Java regex syntax).
///
/// Formwork evaluates it with Swift's `Regex` where the two share their
/// syntax: Unicode scalars, not grapheme clusters, are matched (Java matches
/// code points), and `\d`, `\s`, `\w` are ASCII-only, as in Java without
/// `UNICODE_CHARACTER_CLASS`. Syntax Swift does not take (Java's
/// `\p{javaLowerCase}`, `\p{InGreek}`, …) and syntax the two read
/// differently (POSIX `[[:alpha:]]`, which Java reads as a plain class; the
/// class operators `--` and `~~`; `{,n}`) is not evaluated: `init` returns
/// nil with the reason, and the value is left for CloudFormation to check.
package struct AllowedPattern {
    package let pattern: String
    private let matcher: (String) -> Bool

    /// Why `pattern` cannot be evaluated; nil when it can.
    package static func unevaluable(_ pattern: String) -> String? {
        if case .failure(let reason) = compile(pattern) { return reason }
        return nil
    }

    package init?(_ pattern: String) {
        guard case .success(let matcher) = Self.compile(pattern) else { return nil }
        self.pattern = pattern
        self.matcher = matcher
    }

    /// Whether the whole of `value` matches, as CloudFormation checks it.
    package func matches(_ value: String) -> Bool { matcher(value) }

    /// The pattern an optional parameter is emitted with: its `Default: ""`
    /// must satisfy it, and every non-empty value must be checked as before.
    /// A pattern that already matches "" is unchanged; any other gets `^$|`
    /// in front. Alternation binds loosest and the whole value must match,
    /// so a non-empty value matches exactly when it matches `pattern`
    /// (Java's `$` may stop before a final line terminator, but the match
    /// must then still reach the end); nothing is written after the
    /// pattern, so a trailing `(?x)` comment or an open `\Q` cannot swallow
    /// a closing parenthesis, and the anchors of `^[a-z]+$` stay in force.
    package static func admittingEmpty(_ pattern: String) -> String {
        if let evaluated = AllowedPattern(pattern), evaluated.matches("") { return pattern }
        return "^$|" + pattern
    }

    private enum Compiled {
        case success((String) -> Bool)
        case failure(String)
    }

    private static func compile(_ pattern: String) -> Compiled {
        if let reason = readDifferently(pattern) { return .failure(reason) }
        if #available(macOS 13.0, iOS 16.0, tvOS 16.0, watchOS 9.0, *) {
            do {
                let regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
                    .asciiOnlyDigits().asciiOnlyWhitespace().asciiOnlyWordCharacters()
                return .success { value in (try? regex.wholeMatch(in: value)) != nil }
            } catch {
                return .failure("\(error)")
            }
        }
        return .failure("regular expressions need macOS 13")
    }

    /// Syntax Swift takes but reads otherwise than Java, or Java rejects;
    /// `\Q…\E` quotes and escaped characters are passed over.
    private static func readDifferently(_ pattern: String) -> String? {
        let c = Array(pattern)
        var i = 0
        var depth = 0
        while i < c.count {
            switch c[i] {
            case "\\":
                if i + 1 < c.count, c[i + 1] == "Q" {
                    i += 2
                    while i < c.count, !(c[i] == "\\" && i + 1 < c.count && c[i + 1] == "E") { i += 1 }
                }
                i += 2
                continue
            case "[":
                if i + 1 < c.count, c[i + 1] == ":" {
                    return "'[:' begins a POSIX class to Swift but is plain characters to Java"
                }
                depth += 1
            case "]" where depth > 0:
                depth -= 1
            case "-" where depth > 0 && i + 1 < c.count && c[i + 1] == "-":
                return "'--' inside a class is a set operation to Swift but not to Java"
            case "~" where depth > 0 && i + 1 < c.count && c[i + 1] == "~":
                return "'~~' inside a class is a set operation to Swift but not to Java"
            case "{" where depth == 0 && i + 1 < c.count && c[i + 1] == ",":
                return "'{,n}' is a repetition to Swift but an error to Java"
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
