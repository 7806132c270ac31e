// FormworkSpec: the typed AST of the spec language (../shared/LANGUAGE.md),
// the `${...}` and `when:` expression parsers, and the decoder from the YAML
// node tree into the AST.
