import { useEffect, useState } from 'react';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import type { GetEntityFacetsResponse } from '@backstage/catalog-client';
import type { PatternFilterState } from '../../api/patternQueries';

type FacetCounts = GetEntityFacetsResponse['facets'];

function FacetSelect(props: {
  id: keyof PatternFilterState;
  label: string;
  value?: string;
  options: Array<{ value: string; count: number }>;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, options, onChange } = props;
  return (
    <FormControl variant="outlined" size="small" fullWidth>
      <InputLabel id={`pattern-filter-${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`pattern-filter-${id}-label`}
        id={`pattern-filter-${id}`}
        label={label}
        value={value ?? ''}
        onChange={e => onChange((e.target.value as string) || undefined)}
      >
        <MenuItem value="">
          <em>Any</em>
        </MenuItem>
        {/* Keep a URL value the facets do not list (yet) visible. */}
        {value && !options.some(option => option.value === value) && (
          <MenuItem value={value}>{value}</MenuItem>
        )}
        {options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            {option.value} ({option.count})
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function sortedOptions(facets: FacetCounts, key: string) {
  return [...(facets[key] ?? [])].sort((a, b) =>
    a.value.localeCompare(b.value),
  );
}

/** The filter bar of the pattern catalog. */
export function PatternFilters(props: {
  filters: PatternFilterState;
  facets: FacetCounts;
  onChange: (key: keyof PatternFilterState, value: string | undefined) => void;
}) {
  const { filters, facets, onChange } = props;
  const [text, setText] = useState(filters.text ?? '');

  useEffect(() => setText(filters.text ?? ''), [filters.text]);
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filters.text ?? '') !== text) onChange('text', text || undefined);
    }, 300);
    return () => clearTimeout(handle);
  }, [text, filters.text, onChange]);

  // On a paper, not the page background: the outlined fields' grey labels
  // reach 4.5:1 only against white.
  return (
    <Paper variant="outlined" style={{ padding: 16 }}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={3}>
          <TextField
            id="pattern-filter-text"
            label="Search patterns"
            variant="outlined"
            size="small"
            fullWidth
            value={text}
            onChange={e => setText(e.target.value)}
          />
        </Grid>
        <Grid item xs={12} sm={4} md={3}>
          <FacetSelect
            id="level"
            label="Level"
            value={filters.level}
            options={sortedOptions(facets, 'spec.level')}
            onChange={value => onChange('level', value)}
          />
        </Grid>
        <Grid item xs={12} sm={4} md={3}>
          <FacetSelect
            id="category"
            label="Category"
            value={filters.category}
            options={sortedOptions(facets, 'spec.category')}
            onChange={value => onChange('category', value)}
          />
        </Grid>
        <Grid item xs={12} sm={4} md={3}>
          <FacetSelect
            id="service"
            label="AWS service"
            value={filters.service}
            options={sortedOptions(facets, 'spec.awsServices.name')}
            onChange={value => onChange('service', value)}
          />
        </Grid>
      </Grid>
    </Paper>
  );
}
