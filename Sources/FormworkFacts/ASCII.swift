/// ASCII character classes, for the many names AWS and the language restrict to ASCII.
extension Unicode.Scalar {
    package var isASCIILowercase: Bool { ("a"..."z").contains(self) }
    package var isASCIIUppercase: Bool { ("A"..."Z").contains(self) }
    package var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    package var isASCIILetter: Bool { isASCIILowercase || isASCIIUppercase }
    package var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}
