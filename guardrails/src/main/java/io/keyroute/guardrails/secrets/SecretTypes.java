package io.keyroute.guardrails.secrets;

import java.util.Set;

/** The entity types the secrets detector reports: the names config's {@code entities:} selects from. */
public final class SecretTypes {
    public static final String OPENAI_API_KEY = "openai_api_key";
    public static final String ANTHROPIC_API_KEY = "anthropic_api_key";
    public static final String GOOGLE_API_KEY = "google_api_key";
    public static final String DEEPSEEK_API_KEY = "deepseek_api_key";
    public static final String XAI_API_KEY = "xai_api_key";
    public static final String GROQ_API_KEY = "groq_api_key";
    public static final String KEYROUTE_KEY = "keyroute_key";
    public static final String AWS_ACCESS_KEY_ID = "aws_access_key_id";
    public static final String AWS_SECRET_ACCESS_KEY = "aws_secret_access_key";
    public static final String GCP_SERVICE_ACCOUNT_KEY = "gcp_service_account_key";
    public static final String AZURE_CONNECTION_STRING = "azure_connection_string";
    public static final String PRIVATE_KEY = "private_key";
    public static final String JWT = "jwt";
    public static final String GITHUB_TOKEN = "github_token";
    public static final String GITLAB_TOKEN = "gitlab_token";
    public static final String SLACK_TOKEN = "slack_token";
    public static final String STRIPE_KEY = "stripe_key";
    /** A value assigned to a password-named field ({@code DB_PASSWORD=…}). */
    public static final String PASSWORD = "password";
    /** A value assigned to another secret-named field ({@code SESSION_SECRET=…}, {@code "auth_token": "…"}). */
    public static final String SECRET_VALUE = "secret_value";
    /** A random-looking token of no known family. */
    public static final String HIGH_ENTROPY_TOKEN = "high_entropy_token";

    public static final Set<String> ALL = Set.of(OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY, DEEPSEEK_API_KEY,
            XAI_API_KEY, GROQ_API_KEY, KEYROUTE_KEY, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, GCP_SERVICE_ACCOUNT_KEY,
            AZURE_CONNECTION_STRING, PRIVATE_KEY, JWT, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN, STRIPE_KEY, PASSWORD,
            SECRET_VALUE, HIGH_ENTROPY_TOKEN);

    private SecretTypes() {
    }
}
