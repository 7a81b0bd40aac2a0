import { gateRefusal, gateReportMarkdown } from './gate/gateReport';
import { runSafetyGate } from './gate/runSafetyGate';
import { RunGate } from './upgradeRepository';

/** The safety gate as upgrades run it, with a shared warm install cache. */
export function createSafetyGateRunner(options: {
  installCacheDir: string;
  timeoutMs: number;
}): RunGate {
  return async input => {
    const report = await runSafetyGate({ ...input, ...options });
    return {
      passed: report.passed,
      markdown: gateReportMarkdown(report),
      reason: gateRefusal(report),
      resources: report.resources,
    };
  };
}
