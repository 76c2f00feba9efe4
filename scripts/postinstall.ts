/**
 * Runs after `npm ci`. When npm itself ran on a Node older than the project's, the EBADENGINE warnings it
 * printed (about 60 lines on Node 20) are about that Node: say, once and under them, that they are harmless.
 */

/** The note, or undefined when npm's own Node (from npm's user agent) is already the project's major. */
export function engineNote(npmUserAgent: string | undefined, projectNode: string): string | undefined {
  const npmNode = /\bnode\/(v\d+[\w.]*)/.exec(npmUserAgent ?? "")?.[1];
  const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1]);
  if (!npmNode || major(npmNode) >= major(projectNode)) return undefined;
  return (
    `Note: the EBADENGINE warnings above are about the Node.js that runs npm itself (${npmNode}), and are harmless. ` +
    `The project's scripts run on Node ${projectNode.replace(/^v/, "")}, which npm has just installed ` +
    "(the `node` devDependency), and every package supports it."
  );
}

if (import.meta.main) {
  const note = engineNote(process.env.npm_config_user_agent, process.version);
  if (note) console.log(note);
}
