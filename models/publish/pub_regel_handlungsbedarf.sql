-- The rule behind the social index's klasse and handlungsbedarf, for analysts in the database.
select * from {{ ref('regel_handlungsbedarf') }}
