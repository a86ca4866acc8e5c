/** o1/o3/o4 and gpt-5 families (also behind a `openai/` prefix): they take max_completion_tokens, not max_tokens. */
export function isOpenAIReasoningModel(model: string): boolean {
  const id = model.toLowerCase().replace(/^openai\//, '');
  return /^o\d+(\b|[-_.]|$)/.test(id) || /^gpt-5(\b|[-_.]|$)/.test(id);
}
