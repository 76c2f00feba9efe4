/**
 * Builds one DynamoDB update of one item from clauses added one at a time (SET, ADD, REMOVE and conditions),
 * with placeholders generated so that parts written separately never collide. A transaction may touch an
 * item only once, so everything that moves an inventory item in one step goes through one builder.
 */
export class UpdateBuilder {
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private counter = 0;

  /** A placeholder for an attribute path such as `started.don_1.a` (each part named separately). */
  path(path: string): string {
    return path
      .split(".")
      .map((part) => {
        const placeholder = `#${part.replace(/\W/g, "_")}`;
        this.names[placeholder] = part;
        return placeholder;
      })
      .join(".");
  }

  value(value: unknown): string {
    this.counter += 1;
    const placeholder = `:v${this.counter}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(path: string, expression: (path: string) => string): this {
    const target = this.path(path);
    this.sets.push(`${target} = ${expression(target)}`);
    return this;
  }

  setValue(path: string, value: unknown): this {
    return this.set(path, () => this.value(value));
  }

  add(path: string, amount: number): this {
    if (amount !== 0) this.adds.push(`${this.path(path)} ${this.value(amount)}`);
    return this;
  }

  remove(path: string): this {
    this.removes.push(this.path(path));
    return this;
  }

  condition(expression: string): this {
    this.conditions.push(`(${expression})`);
    return this;
  }

  build() {
    const clauses = [
      this.sets.length > 0 ? `SET ${this.sets.join(", ")}` : "",
      this.adds.length > 0 ? `ADD ${this.adds.join(", ")}` : "",
      this.removes.length > 0 ? `REMOVE ${this.removes.join(", ")}` : "",
    ].filter(Boolean);
    return {
      UpdateExpression: clauses.join(" "),
      ...(this.conditions.length > 0 ? { ConditionExpression: this.conditions.join(" AND ") } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
