// FormworkCFN: the CloudFormation template model, CloudFormation facts in
// tables, and the deterministic JSON writer.
