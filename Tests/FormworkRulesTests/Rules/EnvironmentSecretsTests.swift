@testable import FormworkRules
import Testing

/// FW4320 (EnvironmentSecrets): which names say a secret. The located
/// cases are the golden spec specs/invalid/environment-secrets.yaml.
@Suite struct EnvironmentSecretsTests {
    @Test(arguments: [
        "DB_PASSWORD", "PASSWD", "apiKey", "API_KEY", "APIKEY", "clientSecret", "CLIENT-SECRET", "AUTH_TOKEN",
        "githubToken", "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "SIGNING_KEY", "DB_CREDENTIALS",
    ])
    func namesASecret(_ name: String) {
        #expect(EnvironmentSecrets.namesSecret(name))
    }

    @Test(arguments: [
        "SECRET_ARN", "API_KEYS_SECRET_ARN", "TOKEN_URL", "PASSWORD_PARAMETER", "TOKEN_TTL", "tokenEndpoint",
        "KEY", "CACHE_KEY", "SORT_KEY", "TABLE_NAME", "TOKENIZER", "SECRETARY",
    ])
    func namesNoSecret(_ name: String) {
        #expect(!EnvironmentSecrets.namesSecret(name))
    }

    @Test func wordsSplitAtSeparatorsAndCaseChanges() {
        #expect(EnvironmentSecrets.words("dbPassword") == ["DB", "PASSWORD"])
        #expect(EnvironmentSecrets.words("CLIENT-secret_v2") == ["CLIENT", "SECRET", "V2"])
        #expect(EnvironmentSecrets.words("APIKey") == ["APIKEY"])
    }
}
