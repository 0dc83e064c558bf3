export default function PublicSurveyPage() {
  return null;
}
