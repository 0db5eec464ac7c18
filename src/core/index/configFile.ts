/** The repository's Incident Lens configuration file (record sources): its name alone, for code that must not load the parser (the edit hook's warm path). */
export const CONFIG_FILE = '.incident-lens.yaml';
