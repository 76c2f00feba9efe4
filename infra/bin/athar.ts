/** `npx cdk synth` / `cdk deploy` entry point (cdk.json). */
import { buildAtharApp } from "../lib/app.ts";

buildAtharApp().app.synth();
