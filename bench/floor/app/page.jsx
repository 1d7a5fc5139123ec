// The first 50 members of the bench workspace from one indexed query (the primary key's order), as a plain table.
import pg from "pg";

export const dynamic = "force-dynamic";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export default async function Page() {
  const { rows } = await pool.query(
    `SELECT u.name, u.email, m.role, m.last_active_at
       FROM workspace_members m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = $1
      ORDER BY m.user_id
      LIMIT 50`,
    [process.env.BENCH_WORKSPACE_ID],
  );
  return (
    <main>
      <h1>Users</h1>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Level</th>
            <th>Last active</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.email}>
              <td>{r.name}</td>
              <td>{r.email}</td>
              <td>{r.role}</td>
              <td>{r.last_active_at ? new Date(r.last_active_at).toISOString() : "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
