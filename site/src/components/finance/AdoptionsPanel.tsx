import type { PanelProps } from "./panel-props.ts";
import RecognitionNames from "./RecognitionNames.tsx";
import UnfulfilledPayments from "./UnfulfilledPayments.tsx";

/** What finance decides about adoptions: late payments for units taken, and the names pages thank. */
export default function AdoptionsPanel(props: PanelProps) {
  return (
    <section className="finance-panel" aria-labelledby="adoptions-title">
      <h2 id="adoptions-title">{props.strings["finance.adoptions.title"]}</h2>
      <UnfulfilledPayments {...props} />
      <RecognitionNames {...props} />
    </section>
  );
}
