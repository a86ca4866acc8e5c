/** A skynet.toml that sets every key of every table (line numbers matter to the tests). */
export const FULL = `# every table of the design
[agent]
model = "agent-model"

[providers.anthropic]
api_key = "sk-ant-literal"
base_url = "https://proxy.example/anthropic/"

[providers.openai]
api_key = "\${env:MY_KEY}"
organization = "org-1"
project = "proj-1"
model = "gpt-4.1"

[providers.ollama]
base_url = "http://gpu:11434"

[[providers.openai_compat]]
id = "groq"

[[providers.openai_compat]]
id = "my-vllm"
base_url = "http://10.0.0.5:8000"
model = "qwen-coder"

[[providers.openai_compat]]
id = "cohere"
chat_path = "chat/completions"

[providers.copilot]
token_path = "~/.config/gh-token"
github_url = "https://ghe.example"
github_api_url = "https://ghe.example/api/v3"

[providers.qwen_oauth]
credentials_path = "~/.qwen/oauth_creds.json"
auth_url = "https://auth.example"

[providers.bedrock]
region = "eu-west-1"
profile = "work"

[providers.vertex]
key_file = "~/keys/sa.json"
project_id = "p1"
location = "global"

[router]
connect_timeout_ms = 1000
first_byte_timeout_ms = 2000
idle_timeout_ms = 3000
cooldown_base_ms = 100
cooldown_max_ms = 900
keep_alive_ms = 60000
hedge_after_ms = 1500
`;
