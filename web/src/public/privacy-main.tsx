import { mountPage } from '../shared/page.tsx';
import { PrivacyPage } from './privacy-page.tsx';

mountPage((t) => t.privacy.title, PrivacyPage);
