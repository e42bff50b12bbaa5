/**
 * Engine statuses live in the data layer (`data/engines.ts`). This name stays for the Settings page, which another
 * part of issue 14 rewrites; new code imports from `data/engines`.
 */
export { usePrimaryEngine, useEngines as useEngineStore } from '../data/engines';
