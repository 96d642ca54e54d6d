-- Published social index: index values and classes are published for districts, not suppressed.
select * from {{ ref('ind_sozialindex') }}
