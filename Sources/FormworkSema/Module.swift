// FormworkSema: semantic passes over the AST (one per file under Passes/)
// and component expansion into the template model.
