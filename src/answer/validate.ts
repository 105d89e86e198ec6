/** Why a question cannot be processed at all, with the short Chinese message users see. */
export interface InvalidQuestion {
  code: "empty" | "no-words" | "too-long";
  message: string;
}

export const EXAMPLE_QUESTIONS = [
  "荫田镇2021年完成了多少个改厕任务？",
  "东山镇2022年在产业发展上有哪些打算？",
  "2026年工作计划里养老服务要做什么？",
];

/**
 * Reject what is not a question: empty, only punctuation or emoji, or longer than `maxChars`.
 * @example validateQuestion("   ", 500)?.code === "empty"
 */
export function validateQuestion(question: string, maxChars: number): InvalidQuestion | null {
  const q = question.trim();
  if (!q) return { code: "empty", message: `请输入您的问题，例如：“${EXAMPLE_QUESTIONS[0]}”` };
  if (!/[\p{L}\p{N}]/u.test(q))
    return { code: "no-words", message: `没有看到文字内容，请用文字提问，例如：“${EXAMPLE_QUESTIONS[0]}”` };
  if ([...q].length > maxChars)
    return { code: "too-long", message: `问题太长了（超过${maxChars}字），请只问一件事，精简后再发。` };
  return null;
}
