/** An edit Incident Lens refuses (the record has errors, the change would break it): shown to the person, not logged as a failure. */
export class EditRefused extends Error {}
