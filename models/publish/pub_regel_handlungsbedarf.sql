select * from {{ ref('regel_handlungsbedarf') }}
