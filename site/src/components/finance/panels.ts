import type { ComponentType } from "react";
import AdoptionsPanel from "./AdoptionsPanel.tsx";
import AuditPanel from "./AuditPanel.tsx";
import ExportsPanel from "./ExportsPanel.tsx";
import FundsPanel from "./FundsPanel.tsx";
import PayoutsPanel from "./PayoutsPanel.tsx";
import type { PanelProps } from "./panel-props.ts";
import type { FinanceKey } from "./strings.ts";

/**
 * The console's panels, in the order of its navigation. A new panel (payouts, exceptions, funds,
 * exports) is a component taking PanelProps, added here with its title's UI key.
 */
export const PANELS: { id: string; title: FinanceKey; Panel: ComponentType<PanelProps> }[] = [
  { id: "payouts", title: "finance.payouts.title", Panel: PayoutsPanel },
  { id: "funds", title: "finance.funds.title", Panel: FundsPanel },
  { id: "adoptions", title: "finance.adoptions.title", Panel: AdoptionsPanel },
  { id: "exports", title: "finance.exports.title", Panel: ExportsPanel },
  { id: "audit", title: "finance.audit.title", Panel: AuditPanel },
];
