import { mountPage } from '../shared/page.tsx';
import { TrackingPage } from './tracking-page.tsx';

mountPage((t) => t.track.title, TrackingPage);
