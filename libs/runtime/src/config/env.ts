/**
 * Reading settings from the environment, shared by every process's configuration: each reader
 * records what is wrong in `problems` and returns the fallback, so start-up lists every problem at once.
 */
export const envReader = (env: NodeJS.ProcessEnv, problems: string[]) => {
  /** A whole number from `min` to `max`; unset or empty gives `fallback`. */
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  /** A comma-separated list, entries trimmed, empty ones dropped. */
  const list = (name: string): string[] =>
    (env[name] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  /** Kafka brokers, as host:port entries. */
  const brokers = (name: string): string[] => {
    const entries = list(name);
    for (const broker of entries)
      if (!/^[\w.-]+:\d+$/.test(broker)) problems.push(`${name} entries must be host:port (got "${broker}")`);
    return entries;
  };
  /** A Kafka topic name; unset or empty gives `fallback`. */
  const topic = (name: string, fallback: string): string => {
    const value = env[name] || fallback;
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(value)) problems.push(`${name} is not a valid topic name (got "${value}")`);
    return value;
  };
  return { integer, list, brokers, topic };
};
