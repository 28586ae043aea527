import { mountPage } from '../shared/page.tsx';
import { SurveyPage } from './survey-page.tsx';

mountPage((t) => t.survey.title, SurveyPage);
