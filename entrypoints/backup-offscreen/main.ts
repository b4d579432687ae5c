// Offscreen document (Chrome, reason BLOBS): builds the automatic backup's file for the service
// worker, which cannot make a blob: URL. Only wiring: utils/auto-backup-run.ts does the work.
import { serveBackupBlobs } from '../../utils/auto-backup-run';

serveBackupBlobs();
