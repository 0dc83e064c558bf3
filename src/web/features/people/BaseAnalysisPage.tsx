export default function BaseAnalysisPage() {
  return null;
}
