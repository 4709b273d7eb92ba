/**
 * The Emmett-style workflow: a process manager as pure functions. It decides the commands to send
 * from what it reacts to and its own state, and folds both what it reacted to and what it decided.
 * The shell feeds it, sends its commands and keeps its state; the workflow does no I/O.
 */
export interface Workflow<Input, Output, State> {
  initialState(): State;
  evolve(state: State, message: Input | Output): State;
  decide(input: Input, state: State): Output[];
}
