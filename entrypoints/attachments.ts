// Injected into the tab on the user's click, after the page was read (activeTab + scripting, never a
// content script): returns the attachments the page links, as plain data.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findAttachmentLinks, type AttachmentLink } from '@/utils/import-attachments';

export default defineUnlistedScript((): AttachmentLink[] => findAttachmentLinks(document, location.href));
