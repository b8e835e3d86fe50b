/**
 * The synthetic job market's vocabulary: occupation families, occupations with aliases, skills and
 * duties, soft skills and seniority words. Written by us for GIRL (no third-party data). Every skill
 * phrase is unique enough that the oracle can find it in free text (checked by tests).
 */
import type { Seniority } from '../types.js';

/** A group of related occupations (career switches stay inside a family). */
export interface FamilySpec {
  readonly id: string;
  /** Team names used in JD summaries ("join our {team} team"). */
  readonly teams: readonly string[];
  /** Field phrase used in CV summaries ("… years of experience in {domain}"). */
  readonly domain: string;
  /** Degrees for CV education lines. */
  readonly degrees: readonly string[];
}

/** One occupation of the synthetic market. */
export interface OccupationSpec {
  /** Stable id (kebab-case). */
  readonly id: string;
  /** Display name, used in titles. */
  readonly name: string;
  /** Other titles for the same occupation (varied phrasing; the oracle maps them back). */
  readonly aliases: readonly string[];
  /** Family id. */
  readonly family: string;
  /** The occupation's skill pool (a CV holds a subset; a JD requires a subset). */
  readonly skills: readonly string[];
  /** Short duty phrases for JD responsibilities (lower case, no final full stop). */
  readonly duties: readonly string[];
}

/**
 * The 12 occupation families.
 *
 * @example
 * ```ts
 * FAMILIES.find((f) => f.id === 'health')?.teams; // ['clinical', 'patient care', 'hospital']
 * ```
 */
export const FAMILIES: readonly FamilySpec[] = [
  { id: 'software', teams: ['engineering', 'product engineering', 'platform'], domain: 'software development', degrees: ['BSc in Computer Science', 'BEng in Software Engineering', 'MSc in Computer Science'] },
  { id: 'data', teams: ['data', 'analytics', 'insights'], domain: 'data and analytics', degrees: ['MSc in Operational Research', 'BSc in Mathematics', 'MSc in Data Science'] },
  { id: 'infrastructure', teams: ['IT', 'infrastructure', 'security operations'], domain: 'IT infrastructure', degrees: ['BSc in Information Technology', 'BSc in Computer Networks', 'Diploma in IT Systems'] },
  { id: 'design', teams: ['design', 'creative', 'brand'], domain: 'design', degrees: ['BA in Graphic Design', 'BA in Human-Computer Interaction', 'BA in Visual Arts'] },
  { id: 'health', teams: ['clinical', 'patient care', 'hospital'], domain: 'healthcare', degrees: ['BSc in Health Sciences', 'BSc in Biomedical Science', 'BSc in Pharmacy'] },
  { id: 'finance', teams: ['finance', 'accounting', 'audit'], domain: 'finance', degrees: ['BSc in Economics', 'BBA in Finance', 'MSc in Accounting and Finance'] },
  { id: 'sales', teams: ['sales', 'growth', 'customer'], domain: 'sales and marketing', degrees: ['BA in Marketing', 'BA in Business Administration', 'BA in Communications'] },
  { id: 'operations', teams: ['operations', 'people', 'delivery'], domain: 'business operations', degrees: ['BSc in Logistics', 'BA in Business Management', 'MA in Human Resources'] },
  { id: 'education', teams: ['teaching', 'school', 'learning'], domain: 'education', degrees: ['BEd in Primary Education', 'MA in Education', 'BA in English Literature'] },
  { id: 'hospitality', teams: ['kitchen', 'hotel', 'guest services'], domain: 'hospitality', degrees: ['Diploma in Culinary Arts', 'BA in Hospitality Management', 'Certificate in Tourism'] },
  { id: 'engineering', teams: ['engineering', 'site', 'technical'], domain: 'engineering', degrees: ['BEng in Mechanical Engineering', 'BEng in Civil Engineering', 'Diploma in Electrical Installation'] },
  { id: 'legal', teams: ['legal', 'litigation', 'compliance'], domain: 'legal services', degrees: ['BA in Legal Studies', 'LLB in Law', 'Certificate in Legal Practice'] },
];

/**
 * The 35 occupations of the synthetic market, 11 skills each.
 *
 * @example
 * ```ts
 * OCCUPATIONS.map((o) => o.id);                         // ['software-engineer', 'frontend-developer', …]
 * OCCUPATIONS.find((o) => o.id === 'chef')?.aliases;    // ['Cook', 'Chef de Partie']
 * ```
 */
export const OCCUPATIONS: readonly OccupationSpec[] = [
  { id: 'software-engineer', name: 'Software Engineer', aliases: ['Software Developer', 'Backend Engineer'], family: 'software',
    skills: ['Java', 'Spring Boot', 'Microservices', 'REST APIs', 'Git', 'Unit Testing', 'Design Patterns', 'Code Review', 'Object-Oriented Programming', 'Concurrency', 'Maven'],
    duties: ['design and build backend services', 'review code written by teammates', 'fix bugs found in production', 'keep services reliable as traffic grows'] },
  { id: 'frontend-developer', name: 'Frontend Developer', aliases: ['Front-End Engineer', 'UI Developer'], family: 'software',
    skills: ['JavaScript', 'TypeScript', 'React', 'CSS', 'HTML', 'Redux', 'Webpack', 'Web Accessibility', 'Responsive Design', 'Browser Performance', 'Jest'],
    duties: ['build user interfaces for the web', 'turn designs into working pages', 'improve page load times', 'work closely with designers'] },
  { id: 'mobile-developer', name: 'Mobile Developer', aliases: ['Mobile App Developer', 'iOS and Android Developer'], family: 'software',
    skills: ['Swift', 'Kotlin', 'SwiftUI', 'Jetpack Compose', 'Flutter', 'React Native', 'App Store Deployment', 'Push Notifications', 'Offline Storage', 'Xcode', 'Mobile Analytics'],
    duties: ['ship new features in our mobile apps', 'keep the apps fast and stable', 'publish app releases', 'work with product managers on the roadmap'] },
  { id: 'devops-engineer', name: 'DevOps Engineer', aliases: ['Site Reliability Engineer', 'Platform Engineer'], family: 'software',
    skills: ['Docker', 'Kubernetes', 'Terraform', 'CI/CD', 'Jenkins', 'Ansible', 'Prometheus', 'Linux Administration', 'Bash Scripting', 'AWS', 'On-Call Operations'],
    duties: ['automate builds and deployments', 'keep services running around the clock', 'run our cloud infrastructure', 'improve monitoring and alerting'] },
  { id: 'qa-engineer', name: 'QA Engineer', aliases: ['Test Engineer', 'Quality Assurance Engineer'], family: 'software',
    skills: ['Test Automation', 'Selenium', 'Cypress', 'Regression Testing', 'Test Planning', 'Bug Tracking', 'Performance Testing', 'API Testing', 'Test Case Design', 'Exploratory Testing', 'Postman'],
    duties: ['plan and run tests before each release', 'report defects clearly', 'automate repetitive checks', 'work with developers to prevent bugs'] },
  { id: 'data-scientist', name: 'Data Scientist', aliases: ['Applied Scientist', 'Decision Scientist'], family: 'data',
    skills: ['Python', 'Machine Learning', 'Statistics', 'Pandas', 'Scikit-learn', 'Feature Engineering', 'A/B Testing', 'Deep Learning', 'Experiment Design', 'Time Series Forecasting', 'Jupyter'],
    duties: ['build predictive models', 'present findings to stakeholders', 'design experiments for new products', 'turn business questions into analyses'] },
  { id: 'ml-engineer', name: 'Machine Learning Engineer', aliases: ['ML Engineer', 'AI Engineer'], family: 'data',
    skills: ['PyTorch', 'TensorFlow', 'Model Deployment', 'MLOps', 'Model Monitoring', 'Distributed Training', 'Computer Vision', 'Natural Language Processing', 'Model Optimization', 'Feature Stores', 'GPU Programming'],
    duties: ['train and ship models to production', 'make inference fast and cheap', 'monitor models after launch', 'work with scientists on new ideas'] },
  { id: 'data-engineer', name: 'Data Engineer', aliases: ['Big Data Engineer', 'Analytics Engineer'], family: 'data',
    skills: ['SQL', 'Apache Spark', 'Apache Airflow', 'Kafka', 'ETL Pipelines', 'Data Warehousing', 'Data Modeling', 'Snowflake', 'dbt', 'Hadoop', 'Scala'],
    duties: ['build and maintain data pipelines', 'keep data fresh and correct', 'design tables for analysts', 'move batch jobs to streaming'] },
  { id: 'data-analyst', name: 'Data Analyst', aliases: ['Business Intelligence Analyst', 'BI Analyst'], family: 'data',
    skills: ['Excel', 'Tableau', 'Power BI', 'Data Visualization', 'Dashboard Design', 'Data Cleaning', 'KPI Tracking', 'Google Analytics', 'Descriptive Statistics', 'Looker', 'SQL'],
    duties: ['build dashboards for managers', 'answer ad hoc business questions', 'track weekly metrics', 'explain trends in plain language'] },
  { id: 'systems-administrator', name: 'Systems Administrator', aliases: ['Sysadmin', 'IT Administrator'], family: 'infrastructure',
    skills: ['Windows Server', 'Active Directory', 'VMware', 'Backup and Recovery', 'Patch Management', 'PowerShell', 'DNS', 'System Troubleshooting', 'Help Desk Support', 'Office 365', 'Virtualization'],
    duties: ['keep servers and accounts running', 'install updates on time', 'answer tickets from staff', 'restore systems after outages'] },
  { id: 'security-analyst', name: 'Security Analyst', aliases: ['Cybersecurity Analyst', 'SOC Analyst'], family: 'infrastructure',
    skills: ['SIEM', 'Threat Detection', 'Vulnerability Assessment', 'Penetration Testing', 'Firewall Configuration', 'Incident Handling', 'Splunk', 'Security Auditing', 'Malware Analysis', 'ISO 27001', 'Threat Intelligence'],
    duties: ['watch alerts and investigate attacks', 'find weak spots before attackers do', 'write clear incident reports', 'train staff on safe habits'] },
  { id: 'network-engineer', name: 'Network Engineer', aliases: ['Network Administrator'], family: 'infrastructure',
    skills: ['Cisco IOS', 'Routing and Switching', 'BGP', 'VPN', 'LAN/WAN', 'Network Monitoring', 'Wireshark', 'VLANs', 'Load Balancing', 'SD-WAN', 'TCP/IP'],
    duties: ['design and run office networks', 'keep links fast and available', 'connect new sites', 'plan capacity for growth'] },
  { id: 'database-administrator', name: 'Database Administrator', aliases: ['DBA', 'Database Engineer'], family: 'infrastructure',
    skills: ['PostgreSQL', 'Oracle Database', 'MySQL', 'Query Tuning', 'Database Backup', 'Replication', 'High Availability', 'Indexing Strategies', 'Database Security', 'SQL Server', 'Schema Migration'],
    duties: ['keep databases fast and safe', 'plan upgrades and migrations', 'help developers write better queries', 'test restores regularly'] },
  { id: 'ux-designer', name: 'UX Designer', aliases: ['Product Designer', 'UX/UI Designer'], family: 'design',
    skills: ['Figma', 'User Research', 'Wireframing', 'Prototyping', 'Usability Testing', 'Information Architecture', 'Interaction Design', 'Design Systems', 'Journey Mapping', 'Sketch', 'Persona Development'],
    duties: ['understand what users need', 'design simple flows for complex tasks', 'test ideas with real people', 'work with engineers until launch'] },
  { id: 'graphic-designer', name: 'Graphic Designer', aliases: ['Visual Designer'], family: 'design',
    skills: ['Adobe Photoshop', 'Adobe Illustrator', 'InDesign', 'Typography', 'Branding', 'Layout Design', 'Color Theory', 'Print Production', 'Logo Design', 'Photo Retouching', 'Packaging Design'],
    duties: ['create visuals for campaigns', 'keep the brand look consistent', 'prepare files for print', 'present concepts to clients'] },
  { id: 'registered-nurse', name: 'Registered Nurse', aliases: ['Staff Nurse', 'Ward Nurse'], family: 'health',
    skills: ['Patient Assessment', 'Medication Administration', 'Wound Care', 'IV Therapy', 'Electronic Health Records', 'Infection Control', 'Care Planning', 'Vital Signs Monitoring', 'Patient Education', 'Triage', 'BLS Certification'],
    duties: ['care for patients on the ward', 'work with doctors on treatment plans', 'keep accurate patient notes', 'support families during treatment'] },
  { id: 'pharmacist', name: 'Pharmacist', aliases: ['Clinical Pharmacist', 'Community Pharmacist'], family: 'health',
    skills: ['Dispensing', 'Drug Interactions', 'Pharmacology', 'Prescription Review', 'Compounding', 'Medication Counseling', 'Pharmacy Law', 'Dosage Calculation', 'Controlled Substances', 'Immunization', 'Pharmacy Inventory'],
    duties: ['check and fill prescriptions', 'advise patients on their medicines', 'work with doctors on safe doses', 'keep the pharmacy stocked'] },
  { id: 'physiotherapist', name: 'Physiotherapist', aliases: ['Physical Therapist'], family: 'health',
    skills: ['Manual Therapy', 'Exercise Prescription', 'Musculoskeletal Assessment', 'Rehabilitation Planning', 'Sports Injuries', 'Gait Analysis', 'Electrotherapy', 'Hydrotherapy', 'Postural Correction', 'Pain Management', 'Neurological Rehabilitation'],
    duties: ['help patients recover movement', 'plan treatment programmes', 'track progress over sessions', 'teach exercises for home'] },
  { id: 'lab-technician', name: 'Medical Laboratory Technician', aliases: ['Lab Technician', 'Laboratory Scientist'], family: 'health',
    skills: ['Phlebotomy', 'Hematology', 'Microbiology', 'Specimen Processing', 'Laboratory Safety', 'Centrifugation', 'Lab Quality Control', 'Urinalysis', 'Blood Banking', 'Microscopy', 'LIS Software'],
    duties: ['run tests on patient samples', 'keep equipment calibrated', 'report results on time', 'follow strict safety rules'] },
  { id: 'accountant', name: 'Accountant', aliases: ['Staff Accountant', 'Chartered Accountant'], family: 'finance',
    skills: ['Bookkeeping', 'General Ledger', 'Accounts Payable', 'Accounts Receivable', 'Bank Reconciliation', 'Tax Preparation', 'IFRS', 'GAAP', 'QuickBooks', 'Month-End Close', 'Payroll Processing'],
    duties: ['keep the books accurate', 'prepare monthly statements', 'file taxes on time', 'answer questions from auditors'] },
  { id: 'financial-analyst', name: 'Financial Analyst', aliases: ['FP&A Analyst', 'Investment Analyst'], family: 'finance',
    skills: ['Financial Modeling', 'Budgeting', 'Variance Analysis', 'Valuation', 'DCF Analysis', 'Investment Research', 'Cash Flow Analysis', 'Bloomberg Terminal', 'Scenario Planning', 'Financial Reporting', 'Forecast Modeling'],
    duties: ['build forecasts for the executive team', 'explain gaps between plan and actuals', 'evaluate new investments', 'prepare board packs'] },
  { id: 'auditor', name: 'Auditor', aliases: ['Internal Auditor', 'External Auditor'], family: 'finance',
    skills: ['Internal Controls', 'Risk-Based Auditing', 'SOX Compliance', 'Audit Sampling', 'Fraud Detection', 'Audit Reporting', 'Compliance Testing', 'Process Walkthroughs', 'Control Testing', 'Regulatory Compliance', 'Working Papers'],
    duties: ['review processes across departments', 'test that controls work', 'report findings to the board', 'follow up on agreed actions'] },
  { id: 'sales-representative', name: 'Sales Representative', aliases: ['Account Executive', 'Sales Executive'], family: 'sales',
    skills: ['Lead Generation', 'Cold Calling', 'CRM Software', 'Negotiation', 'Pipeline Management', 'Salesforce', 'Closing Deals', 'Prospecting', 'Product Demos', 'Territory Management', 'Quota Attainment'],
    duties: ['find and win new customers', 'grow existing accounts', 'meet monthly targets', 'keep customer records up to date'] },
  { id: 'digital-marketer', name: 'Digital Marketing Specialist', aliases: ['Digital Marketer', 'Online Marketing Specialist'], family: 'sales',
    skills: ['SEO', 'Google Ads', 'Content Marketing', 'Email Marketing', 'Social Media Marketing', 'Marketing Automation', 'HubSpot', 'Copywriting', 'Campaign Analytics', 'Conversion Optimization', 'PPC Advertising'],
    duties: ['plan and run online campaigns', 'grow traffic to our website', 'measure what each channel brings', 'write content for our audience'] },
  { id: 'customer-support', name: 'Customer Support Specialist', aliases: ['Customer Service Representative', 'Support Agent'], family: 'sales',
    skills: ['Zendesk', 'Ticket Management', 'Live Chat Support', 'Conflict Resolution', 'Complaint Handling', 'Product Knowledge', 'Call Center Operations', 'Customer Retention', 'Phone Etiquette', 'Knowledge Base Writing', 'Escalation Management'],
    duties: ['answer customer questions quickly', 'solve problems on the first contact', 'pass product feedback to the team', 'keep customers happy and loyal'] },
  { id: 'logistics-coordinator', name: 'Logistics Coordinator', aliases: ['Supply Chain Coordinator', 'Logistics Planner'], family: 'operations',
    skills: ['Inventory Management', 'Shipment Scheduling', 'Freight Forwarding', 'Warehouse Management Systems', 'Customs Documentation', 'Route Planning', 'Vendor Management', 'SAP ERP', 'Demand Planning', 'Order Fulfillment', 'Incoterms'],
    duties: ['plan shipments to customers', 'work with carriers and suppliers', 'keep stock levels right', 'solve delivery problems'] },
  { id: 'project-manager', name: 'Project Manager', aliases: ['Program Manager', 'Delivery Manager'], family: 'operations',
    skills: ['Agile', 'Scrum', 'Stakeholder Management', 'Risk Management', 'Jira', 'Gantt Charts', 'Resource Planning', 'PMP Certification', 'Budget Tracking', 'Change Management', 'Kanban'],
    duties: ['plan projects from start to finish', 'keep teams on schedule', 'report progress to sponsors', 'remove blockers for the team'] },
  { id: 'hr-specialist', name: 'HR Specialist', aliases: ['Human Resources Specialist', 'HR Generalist'], family: 'operations',
    skills: ['Recruiting', 'Onboarding', 'Employee Relations', 'HRIS', 'Performance Management', 'Labor Law', 'Benefits Administration', 'Workforce Planning', 'Interviewing', 'Compensation Analysis', 'Talent Acquisition'],
    duties: ['hire people for open roles', 'welcome new starters', 'advise managers on people issues', 'keep staff records correct'] },
  { id: 'teacher', name: 'Teacher', aliases: ['Classroom Teacher', 'School Teacher'], family: 'education',
    skills: ['Lesson Planning', 'Classroom Management', 'Curriculum Development', 'Differentiated Instruction', 'Student Assessment', 'Special Education', 'Educational Technology', 'Parent Communication', 'Literacy Instruction', 'Behavior Management', 'Remote Teaching'],
    duties: ['teach engaging lessons', 'track the progress of each pupil', 'meet parents regularly', 'work with other staff on the curriculum'] },
  { id: 'chef', name: 'Chef', aliases: ['Cook', 'Chef de Partie'], family: 'hospitality',
    skills: ['Menu Planning', 'Food Safety', 'Knife Skills', 'Food Costing', 'Pastry Making', 'Grilling', 'Sauce Preparation', 'HACCP', 'Plating', 'Stock Rotation', 'Catering'],
    duties: ['prepare dishes to a high standard', 'keep the kitchen clean and safe', 'plan weekly menus', 'train new kitchen staff'] },
  { id: 'hotel-receptionist', name: 'Hotel Receptionist', aliases: ['Front Desk Agent', 'Guest Service Agent'], family: 'hospitality',
    skills: ['Guest Check-In', 'Reservation Systems', 'Opera PMS', 'Cash Handling', 'Concierge Services', 'Guest Relations', 'Upselling', 'Night Audit', 'Multilingual Communication', 'Booking Management', 'Telephone Switchboard'],
    duties: ['welcome guests at the front desk', 'handle bookings and payments', 'answer questions about the area', 'resolve complaints politely'] },
  { id: 'mechanical-engineer', name: 'Mechanical Engineer', aliases: ['Design Engineer', 'Product Engineer'], family: 'engineering',
    skills: ['SolidWorks', 'AutoCAD', 'Finite Element Analysis', 'GD&T', 'Thermodynamics', 'CAD Modeling', 'Prototype Testing', 'Manufacturing Processes', 'HVAC Design', 'Materials Selection', 'Root Cause Analysis'],
    duties: ['design parts and assemblies', 'test prototypes in the lab', 'work with suppliers on production', 'improve existing products'] },
  { id: 'electrician', name: 'Electrician', aliases: ['Electrical Technician', 'Maintenance Electrician'], family: 'engineering',
    skills: ['Electrical Wiring', 'Circuit Troubleshooting', 'Blueprint Reading', 'Conduit Bending', 'Panel Installation', 'National Electrical Code', 'Motor Controls', 'PLC Programming', 'Lighting Systems', 'Power Tools', 'Safety Lockout'],
    duties: ['install and repair electrical systems', 'find and fix faults safely', 'carry out planned maintenance', 'keep job records complete'] },
  { id: 'civil-engineer', name: 'Civil Engineer', aliases: ['Structural Engineer', 'Site Engineer'], family: 'engineering',
    skills: ['Structural Analysis', 'Civil 3D', 'Surveying', 'Geotechnical Engineering', 'Concrete Design', 'Site Inspection', 'Revit', 'Construction Management', 'Stormwater Design', 'Cost Estimation', 'Permitting'],
    duties: ['design roads, bridges and buildings', 'check work on site', 'prepare drawings and reports', 'keep projects within budget'] },
  { id: 'paralegal', name: 'Paralegal', aliases: ['Legal Assistant', 'Litigation Assistant'], family: 'legal',
    skills: ['Legal Research', 'Contract Drafting', 'Case Management', 'E-Discovery', 'Litigation Support', 'Document Review', 'Legal Writing', 'Court Filings', 'Westlaw', 'Deposition Preparation', 'Notarization'],
    duties: ['support lawyers on active cases', 'prepare documents for court', 'organise case files', 'meet filing deadlines'] },
];

/** Skills any occupation may list; a CV carries one or two. */
export const SOFT_SKILLS: readonly string[] = [
  'Communication', 'Teamwork', 'Time Management', 'Problem Solving', 'Leadership', 'Mentoring', 'Attention to Detail',
  'Public Speaking', 'Critical Thinking', 'Adaptability', 'Presentation Skills', 'Customer Focus', 'Self-Motivation',
];

/** Words that mark each seniority level in a title, most common first. A plain title means `mid`. */
export const SENIORITY_WORDS: Readonly<Record<Seniority, readonly string[]>> = {
  junior: ['Junior', 'Entry-Level', 'Associate'],
  mid: ['Mid-Level', 'Intermediate'],
  senior: ['Senior', 'Experienced'],
  lead: ['Lead', 'Principal'],
};

/** Years of experience per level, inclusive. */
export const SENIORITY_YEARS: Readonly<Record<Seniority, readonly [number, number]>> = {
  junior: [1, 2],
  mid: [3, 5],
  senior: [6, 9],
  lead: [10, 15],
};

/** Fictional employers for long-form texts. */
export const COMPANIES: readonly string[] = [
  'Brightline', 'Harbor Group', 'Nimbus Works', 'Orchard Labs', 'Summit Partners', 'Bluefin', 'Redwood Systems', 'Cedar & Co',
  'Northgate', 'Lumen Health', 'Atlas Freight', 'Kestrel Media',
];
