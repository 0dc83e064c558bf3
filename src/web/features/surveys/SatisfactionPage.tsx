export default function SatisfactionPage() {
  return null;
}
