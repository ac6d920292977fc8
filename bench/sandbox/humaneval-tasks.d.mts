export interface HumanEvalTask {
  task_id: string;
  prompt: string;
  entry_point: string;
  canonical_solution: string;
  test: string;
}
export interface HumanEvalMutant {
  kind: "off_by_one" | "wrong_operator" | "return_none";
  body: string;
}
export function readHumanEval(path: string): HumanEvalTask[];
export function humanEvalTests(task: HumanEvalTask): string;
export function humanEvalCompletion(task: HumanEvalTask, body: string): string;
export function humanEvalMutants(task: HumanEvalTask): HumanEvalMutant[];
