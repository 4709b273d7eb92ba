/** A reason the process must not start that the operator can fix: its message names the file and what to do. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
