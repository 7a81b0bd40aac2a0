import { Route, Routes } from 'react-router-dom';
import { PatternCatalogPage } from './PatternCatalogPage/PatternCatalogPage';
import { PatternPage } from './PatternPage/PatternPage';

/** The pages of the plugin, below its mount path. */
export function PatternsRouter() {
  return (
    <Routes>
      <Route path="/" element={<PatternCatalogPage />} />
      <Route path="/:name" element={<PatternPage />} />
    </Routes>
  );
}
