/// The IAM engine: policies parsed once and evaluated exactly as AWS documents the evaluation
/// logic, over an action catalogue generated from AWS's service authorization reference.
public enum RampartIAMEngine {
    /// The engine's documentation root, for messages that cite a rule.
    public static let evaluationLogicURL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
}
