import { Route, Routes } from 'react-router-dom';
import { PatternCatalogPage } from './PatternCatalogPage/PatternCatalogPage';
import { PatternPage } from './PatternPage/PatternPage';
import { AdoptionPage } from './Adoption/AdoptionPage';
import { ComparisonPage } from './Guides/ComparisonPage';
import { GuideListPage } from './Guides/GuideListPage';
import { GuidePage } from './Guides/GuidePage';
import { NotFoundPage } from './NotFound/NotFound';

/** The pages of the plugin, below its mount path. */
export function PatternsRouter() {
  return (
    <Routes>
      <Route path="/" element={<PatternCatalogPage />} />
      <Route path="/adoption" element={<AdoptionPage />} />
      <Route path="/guides" element={<GuideListPage />} />
      <Route path="/guides/:guide" element={<GuidePage />} />
      <Route path="/compare/:guide/:comparison" element={<ComparisonPage />} />
      <Route path="/:name" element={<PatternPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
