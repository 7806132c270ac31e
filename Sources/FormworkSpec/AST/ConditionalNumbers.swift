/// A number field written as a conditional value (`"${env == 'prod' ? 14 : 4}"`)
/// holds its largest branch for what needs one number; the checks that must
/// hold whichever branch is taken read the branches here.
extension StringValue {
    /// The value's number branches in reading order, each at its own column;
    /// empty when it is not a conditional value between numbers.
    package var numberBranches: [Located<Int>] {
        interpolated.isSingleExpression ? interpolated.expressions[0].numberBranches : []
    }
}

extension Expression {
    package var numberBranches: [Located<Int>] {
        switch self {
        case .numberLiteral(let digits, let range): Int(digits).map { [Located($0, range)] } ?? []
        case .conditional(_, let then, let otherwise, _): then.numberBranches + otherwise.numberBranches
        default: []
        }
    }

    /// The string branches of a conditional value between words, in reading order, each at its quotes.
    package var stringBranches: [Located<String>] {
        switch self {
        case .stringLiteral(let text, let range): [Located(text, range)]
        case .conditional(_, let then, let otherwise, _): then.stringBranches + otherwise.stringBranches
        default: []
        }
    }

    /// The branches of two conditional values on the same conditions, paired
    /// as they are taken together (then with then, else with else, as deep
    /// as both go); nil when their outermost conditions differ.
    package static func sameConditionBranches(_ a: Expression, _ b: Expression) -> [(Expression, Expression)]? {
        guard case .conditional(let condition, let aThen, let aElse, _) = a,
              case .conditional(let other, let bThen, let bElse, _) = b, condition.canonical == other.canonical
        else { return nil }
        return (sameConditionBranches(aThen, bThen) ?? [(aThen, bThen)]) + (sameConditionBranches(aElse, bElse) ?? [(aElse, bElse)])
    }
}
