// deltaform/testing — the comparison kit. Nothing here imports @playwright/test at run time
// (only its types), and linkedom loads on first use: the server never depends on either.
export { act, type Act, type ActOptions, type TransferStats } from './act.ts'
export {
  comparePostbacks,
  compareRuns,
  openSession,
  PostbackMismatchError,
  type CompareOptions,
  type CompareResult,
  type RunResult,
  type Session,
  type Steps,
} from './compare-postbacks.ts'
export {
  cleanPageState,
  diffPageStates,
  formatDifferences,
  stripPartialSwitch,
  withPartialSwitch,
  type Difference,
  type DiffOptions,
} from './diff.ts'
export {
  differential,
  DifferentialMismatchError,
  findControls,
  type DifferentialOptions,
  type DifferentialReport,
  type PostBackControl,
  type WalkStep,
} from './differential.ts'
export { deltaformFixtures, describeTransfer, type DeltaformFixtures } from './fixtures.ts'
export { FormClient } from './form-client.ts'
export { collectPageState, serializeNormal, type CollectOptions, type NormalElement, type NormalNode, type PageState } from './page-state.ts'
export { peekEventValidation, peekViewState } from './peek-view-state.ts'
export { randomIndex, seededRandom } from './random.ts'
export { CallbackError, createTestPage, TestPage, type AsyncPostBackError, type Fetchable, type TestPageOptions } from './test-page.ts'
