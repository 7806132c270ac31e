// Start-up: a Swift program on the standard library alone, built as the
// release formwork binary is.
print("hello")
