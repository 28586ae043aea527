import { mountPage } from '../shared/page.tsx';
import { ComplaintForm } from './complaint-form.tsx';

mountPage((t) => t.form.title, ComplaintForm);
