import { PatternsRouter } from '../components/PatternsRouter';
import { EntityPatternsCard } from '../components/EntityPatternsCard/EntityPatternsCard';
import { EntityPatternContent } from '../components/PatternPage/EntityPatternContent';
import { LegacyBoundary } from './LegacyBoundary';

export function LegacyPatternsPage() {
  return (
    <LegacyBoundary>
      <PatternsRouter />
    </LegacyBoundary>
  );
}

export function LegacyEntityPatternsCard() {
  return (
    <LegacyBoundary>
      <EntityPatternsCard />
    </LegacyBoundary>
  );
}

export function LegacyEntityPatternContent() {
  return (
    <LegacyBoundary>
      <EntityPatternContent />
    </LegacyBoundary>
  );
}
